/*
 * mman.h - the i386 machine's constants: page geometry, TASK_SIZE, and the
 * mmap/mprotect/madvise/mremap ABI values and 2.6's vm_flags.
 * Values are Linux's, so the host kernel can replay the same calls.
 * DEFAULT_MAX_MAP_COUNT is 2.6's (2.4 had a fixed MAX_MAP_COUNT, seed
 * 000); VM_NORESERVE is 2.6.29's.
 */
#ifndef VMCORE_MMAN_H
#define VMCORE_MMAN_H

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))
/* i386's unsigned long is 32 bits: PAGE_ALIGN wraps there, as it does in the kernel. */
#define PAGE_ALIGN(addr) ((((addr) + PAGE_SIZE - 1) & PAGE_MASK) & 0xffffffffUL)

#define TASK_SIZE		0xC0000000UL	/* 3G/1G split */
#define TASK_UNMAPPED_BASE	0x40000000UL	/* TASK_SIZE / 3 */
#define DEFAULT_MAX_MAP_COUNT	65536

/* prot, as passed to mmap/mprotect */
#define PROT_NONE	0x0
#define PROT_READ	0x1
#define PROT_WRITE	0x2
#define PROT_EXEC	0x4
#define PROT_SEM	0x8
#define PROT_GROWSDOWN	0x01000000
#define PROT_GROWSUP	0x02000000

/* mmap flags */
#define MAP_SHARED	0x01
#define MAP_PRIVATE	0x02
#define MAP_TYPE	0x0f
#define MAP_FIXED	0x10
#define MAP_ANONYMOUS	0x20
#define MAP_GROWSDOWN	0x0100
#define MAP_DENYWRITE	0x0800
#define MAP_EXECUTABLE	0x1000
#define MAP_LOCKED	0x2000
#define MAP_NORESERVE	0x4000
#define MAP_POPULATE	0x8000

/* madvise advice */
#define MADV_NORMAL	0
#define MADV_RANDOM	1
#define MADV_SEQUENTIAL	2
#define MADV_WILLNEED	3
#define MADV_DONTNEED	4
#define MADV_DONTFORK	10
#define MADV_DOFORK	11

/* mremap flags */
#define MREMAP_MAYMOVE	1
#define MREMAP_FIXED	2

/* vm_flags, as in Linux 2.6 include/linux/mm.h */
#define VM_READ		0x00000001UL
#define VM_WRITE	0x00000002UL
#define VM_EXEC		0x00000004UL
#define VM_SHARED	0x00000008UL
#define VM_MAYREAD	0x00000010UL
#define VM_MAYWRITE	0x00000020UL
#define VM_MAYEXEC	0x00000040UL
#define VM_MAYSHARE	0x00000080UL
#define VM_GROWSDOWN	0x00000100UL
#define VM_GROWSUP	0x00000200UL
#define VM_PFNMAP	0x00000400UL
#define VM_DENYWRITE	0x00000800UL
#define VM_EXECUTABLE	0x00001000UL
#define VM_LOCKED	0x00002000UL
#define VM_IO		0x00004000UL
#define VM_SEQ_READ	0x00008000UL
#define VM_RAND_READ	0x00010000UL
#define VM_DONTCOPY	0x00020000UL
#define VM_DONTEXPAND	0x00040000UL
#define VM_RESERVED	0x00080000UL
#define VM_ACCOUNT	0x00100000UL
#define VM_NORESERVE	0x00200000UL
#define VM_HUGETLB	0x00400000UL
#define VM_NONLINEAR	0x00800000UL

#define VM_SPECIAL	(VM_IO | VM_DONTEXPAND | VM_RESERVED | VM_PFNMAP)
#define VM_STACK_FLAGS	(VM_GROWSDOWN | VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC | VM_ACCOUNT)
#define VM_DATA_DEFAULT_FLAGS (VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)

/* i386 PTE bits (pgprot_t values too) */
#define _PAGE_PRESENT	0x001
#define _PAGE_RW	0x002
#define _PAGE_USER	0x004
#define _PAGE_PWT	0x008
#define _PAGE_PCD	0x010
#define _PAGE_ACCESSED	0x020
#define _PAGE_DIRTY	0x040
#define _PAGE_PSE	0x080
#define _PAGE_PROTNONE	0x080	/* if the user mapped it with PROT_NONE; _PAGE_PRESENT clear */

#endif
