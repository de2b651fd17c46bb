/*
 * exec.c - replacing an address space with a classic i386 ELF image, as
 * 2.6's binfmt_elf lays it out without randomisation: text at 0x08048000,
 * data after it, bss and heap from the break, stack under TASK_SIZE.
 * From 2.6 (fs/exec.c, fs/binfmt_elf.c): do_execve, a new mm from mm_alloc
 * swapped in whole (exec_mmap), MAP_DENYWRITE text, set_brk,
 * setup_arg_pages; the mm_struct layout fields are 2.4's (seed 001).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "mm.h"

#define ELF_ET_EXEC_BASE	0x08048000UL
#define EXEC_DEFAULT_TEXT	(32 * 1024UL)
#define EXEC_DEFAULT_DATA	(8 * 1024UL)
#define EXEC_DEFAULT_BSS	(8 * 1024UL)
#define EXEC_DEFAULT_STACK	(132 * 1024UL)

/* exec_defaults - fill the sizes left 0 with the defaults; -EINVAL if too big */
static long exec_defaults(struct machine *m, const struct exec_layout *in, struct exec_layout *l)
{
	*l = *in;
	if (!l->text)
		l->text = EXEC_DEFAULT_TEXT;
	if (!l->data)
		l->data = EXEC_DEFAULT_DATA;
	if (!l->bss)
		l->bss = EXEC_DEFAULT_BSS;
	if (!l->stack)
		l->stack = EXEC_DEFAULT_STACK;
	if (l->text > 0x30000000UL || l->data > 0x30000000UL || l->bss > 0x30000000UL ||
	    l->stack > 0x30000000UL)
		return vm_error(m, -EINVAL, "each of text, data, bss and stack must be at most 768m");
	return 0;
}

/* elf_map - map one PT_LOAD segment of file at addr, as load_elf_binary does */
static long elf_map(struct mm_struct *mm, struct file *file, unsigned long addr,
		    unsigned long size, unsigned long prot, unsigned long off)
{
	unsigned long r = do_mmap_pgoff(mm, file, addr, size, prot,
					MAP_PRIVATE | MAP_FIXED | MAP_DENYWRITE | MAP_EXECUTABLE,
					off >> PAGE_SHIFT);

	return IS_ERR_VALUE(r) ? (long)r : 0;
}

/* setup_arg_pages - the stack VMA under TASK_SIZE, argv and envp at its top */
static long setup_arg_pages(struct mm_struct *mm, const char *path, unsigned long stack)
{
	unsigned long size = PAGE_ALIGN(stack), r;

	r = do_mmap_pgoff(mm, NULL, TASK_SIZE - size, size, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | MAP_GROWSDOWN, 0);
	if (IS_ERR_VALUE(r))
		return (long)r;
	mm->env_end = TASK_SIZE - sizeof(uint32_t);
	mm->env_start = mm->env_end - sizeof("PATH=/bin:/usr/bin");
	mm->arg_end = mm->env_start;
	mm->arg_start = mm->arg_end - (strlen(path) + 1);
	/* argc, argv[], NULL, envp[], NULL, a small auxv, 16-byte aligned */
	mm->start_stack = (mm->arg_start - 24 * sizeof(uint32_t)) & ~15UL;
	return 0;
}

/* load_elf_image - text, data, bss and stack of the new mm. -errno on failure. */
static long load_elf_image(struct mm_struct *mm, struct file *file, const char *path,
			   const struct exec_layout *l)
{
	unsigned long text = PAGE_ALIGN(l->text), end_bss, r;
	long err;

	mm->start_code = ELF_ET_EXEC_BASE;
	mm->end_code = ELF_ET_EXEC_BASE + l->text;
	mm->start_data = ELF_ET_EXEC_BASE + text;
	mm->end_data = mm->start_data + l->data;
	err = elf_map(mm, file, mm->start_code, l->text, PROT_READ | PROT_EXEC, 0);
	if (!err)
		err = elf_map(mm, file, mm->start_data, l->data, PROT_READ | PROT_WRITE, text);
	if (err)
		return err;
	/* set_brk: the bss past the data's last page, then the break */
	end_bss = PAGE_ALIGN(mm->end_data + l->bss);
	if (end_bss > PAGE_ALIGN(mm->end_data)) {
		r = do_brk(mm, PAGE_ALIGN(mm->end_data), end_bss - PAGE_ALIGN(mm->end_data));
		if (IS_ERR_VALUE(r))
			return (long)r;
	}
	mm->start_brk = mm->brk = end_bss;
	return setup_arg_pages(mm, path, l->stack);
}

/* exec_file - the executable: the named file, created (text+data bytes) when missing */
static struct file *exec_file(struct machine *m, const char *path, const struct exec_layout *l,
			      int *created, long *err)
{
	struct inode *inode = file_lookup(m, path);
	struct file *f;

	*created = 0;
	*err = file_name_check(m, path);
	if (*err)
		return NULL;
	if (inode && inode->i_size < PAGE_ALIGN(l->text) + l->data) {
		char q[256];

		*err = vm_error(m, -ENOEXEC, "'%s' is %lu bytes, too small for text and data (%lu)",
				vm_quote(q, path), inode->i_size, PAGE_ALIGN(l->text) + l->data);
		return NULL;
	}
	if (!inode) {
		*err = file_create(m, path, PAGE_ALIGN(l->text) + l->data);
		if (*err)
			return NULL;
		inode = file_lookup(m, path);
		*created = 1;
	}
	f = dentry_open(inode, FMODE_READ);
	if (!f) {
		*err = vm_error(m, -ENOMEM, "out of memory");
		if (*created)
			file_unlink(m, path);
	}
	return f;
}

/*
 * do_execve - replace current's address space by a new one laid out from
 * path (created when missing). The new mm is built apart and swapped in
 * only when complete (exec_mmap): on failure the old one is untouched.
 */
long do_execve(struct machine *m, const char *path, const struct exec_layout *in)
{
	struct task_struct *t = m->current;
	struct exec_layout l;
	struct mm_struct *mm, *old;
	struct file *file;
	const char *base;
	int created;
	long err;

	vm_enter(m, "do_execve", "do_execve(\"%s\")", path);
	err = exec_defaults(m, in, &l);
	if (err)
		goto out;
	file = exec_file(m, path, &l, &created, &err);
	if (!file)
		goto out;
	mm = mm_alloc(m);
	err = mm ? load_elf_image(mm, file, path, &l) : vm_error(m, -ENOMEM, "out of memory");
	fput(file);
	if (err) {
		if (mm)
			mmput(mm);
		if (created)
			file_unlink(m, path);
		goto out;
	}
	old = t->mm;			/* exec_mmap */
	t->mm = mm;
	mmput(old);
	base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	snprintf(t->comm, sizeof(t->comm), "%s", base);
	vm_emit(m, VM_EV_EXEC, "do_execve", NULL, 0, 0, 0, "exec %s: map_count=%d", path, mm->map_count);
out:
	vm_leave(m, "do_execve", err);
	return err;
}
