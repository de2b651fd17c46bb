/*
 * fs.h - simulated files: an inode with a size, a name and the share list
 * (i_mmap) of the VMAs that map it; a struct file is one open of it. Each
 * mmap of a named file opens it anew, as open()+mmap()+close() would.
 * struct address_space and f_mapping are as in 2.6, i_writecount as in
 * 2.4 (seed 001); i_mmap is a list as in 2.4 (2.6.11 has a priority tree).
 */
#ifndef VMCORE_FS_H
#define VMCORE_FS_H

#include "list.h"

struct machine;
struct page;

#define FMODE_READ	0x1
#define FMODE_WRITE	0x2

#define S_SHMEM		0x1	/* inode of shared anonymous memory ("/dev/zero (deleted)") */
#define S_ACCOUNT	0x2	/* its size is charged to vm_committed_space (shmem_acct_size) */

struct address_space {
	struct inode *host;		/* owner */
	struct list_head i_mmap;	/* VMAs mapping this file: the share list */
	unsigned long i_mmap_count;	/* vmsh: length of i_mmap, for the files table */
	unsigned long nrpages;		/* pages in the page cache */
	struct page **page_tree;	/* the cached pages by index (2.6: a radix tree) */
	unsigned long nr_slots;		/* its length: the file's size in pages */
};

struct inode {
	char *i_name;			/* name shown in maps */
	unsigned long i_ino;		/* inode number */
	unsigned int i_dev;		/* device: major << 8 | minor */
	unsigned long i_size;		/* bytes */
	int i_writecount;		/* >0: opens for write; <0: deny_write_access */
	int i_count;			/* references: open files + the directory entry */
	unsigned int i_flags;		/* S_SHMEM */
	struct address_space i_data;	/* the page cache and the share list */
	struct address_space *i_mapping;	/* &i_data */
	struct inode *i_next;		/* vmsh: the machine's file list, by name */
	struct machine *machine;
};

struct file {
	struct inode *f_inode;
	struct address_space *f_mapping;
	int f_count;			/* references: the VMAs that hold it */
	unsigned int f_mode;		/* FMODE_READ | FMODE_WRITE */
};

/* file_create - a new named file of size bytes. Returns 0, -EEXIST, -EINVAL or -ENOMEM. */
int file_create(struct machine *m, const char *name, unsigned long size);
struct inode *file_lookup(struct machine *m, const char *name);
int file_unlink(struct machine *m, const char *name);
int file_name_check(struct machine *m, const char *name);
/* dentry_open - open inode with mode: a new struct file (f_count 1), or NULL on -ENOMEM. */
struct file *dentry_open(struct inode *inode, unsigned int mode);
/*
 * shmem_file_setup - an unnamed shmem inode of size bytes, opened
 * read-write; with account, its pages are charged to vm_committed_space
 * until the inode dies (2.6's shmem_acct_size). NULL on -ENOMEM.
 */
struct file *shmem_file_setup(struct machine *m, unsigned long size, int account);
void get_file(struct file *f);
void fput(struct file *f);		/* last reference: put_write_access, iput */
int get_write_access(struct inode *inode);	/* -ETXTBSY if denied */
void put_write_access(struct inode *inode);
int deny_write_access(struct file *f);		/* -ETXTBSY if open for write */
void allow_write_access(struct file *f);
void iput(struct inode *inode);
void files_release_all(struct machine *m);	/* machine teardown */

#endif
