/*
 * file.c - simulated files: named inodes with a size and a share list
 * (i_mmap) of the VMAs mapping them, struct file opens with reference
 * counts, write access counting (i_writecount), and shmem inodes for
 * shared anonymous memory.
 * From 2.4 (seed 001): get_file/fput, and i_writecount, negative while
 * VM_DENYWRITE maps the file. As 2.6: f_mapping, shmem_file_setup for
 * /dev/zero mappings. The share list is a list, as 2.4's vm_next_share
 * chain was (2.6.11 keeps a priority tree there).
 */
#include <errno.h>
#include <string.h>
#include "mm.h"
#include "slab.h"
#include "filemap.h"

#define SIM_DISK_DEV	((8u << 8) | 1)	/* 08:01, the simulated disk */
#define SHMEM_DEV	((0u << 8) | 1)	/* 00:01, the internal shm mount */

/* new_inode - an inode of size bytes with name (copied). NULL on -ENOMEM. */
static struct inode *new_inode(struct machine *m, const char *name, unsigned long size)
{
	struct inode *inode = kzalloc(sizeof(*inode));
	size_t n = strlen(name) + 1;

	if (!inode)
		return NULL;
	inode->i_name = kmalloc(n);
	if (!inode->i_name) {
		kfree(inode);
		return NULL;
	}
	memcpy(inode->i_name, name, n);
	inode->i_ino = m->next_ino++;
	inode->i_size = size;
	inode->i_count = 1;
	inode->i_data.host = inode;
	INIT_LIST_HEAD(&inode->i_data.i_mmap);
	inode->i_mapping = &inode->i_data;
	inode->machine = m;
	return inode;
}

/*
 * file_name_check - 0 for 1 to 255 bytes, none a control character;
 * else the errno open() would give (ENOENT, ENAMETOOLONG) or EINVAL.
 */
int file_name_check(struct machine *m, const char *name)
{
	size_t n = strlen(name), i;

	if (n == 0)
		return (int)vm_error(m, -ENOENT, "empty file name");
	if (n > 255)
		return (int)vm_error(m, -ENAMETOOLONG, "file name longer than 255 bytes");
	for (i = 0; i < n; i++)
		if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
			return (int)vm_error(m, -EINVAL, "file name holds a control character");
	return 0;
}

int file_create(struct machine *m, const char *name, unsigned long size)
{
	struct inode *inode, **pp;

	char q[256];
	int err = file_name_check(m, name);

	if (err)
		return err;
	if (file_lookup(m, name))
		return (int)vm_error(m, -EEXIST, "file '%s' exists", vm_quote(q, name));
	inode = new_inode(m, name, size);
	if (!inode)
		return (int)vm_error(m, -ENOMEM, "out of memory");
	inode->i_dev = SIM_DISK_DEV;
	for (pp = &m->files; *pp && strcmp((*pp)->i_name, name) < 0; pp = &(*pp)->i_next)
		;
	inode->i_next = *pp;
	*pp = inode;
	return 0;
}

struct inode *file_lookup(struct machine *m, const char *name)
{
	struct inode *inode;

	for (inode = m->files; inode; inode = inode->i_next)
		if (!strcmp(inode->i_name, name))
			return inode;
	return NULL;
}

struct file *dentry_open(struct inode *inode, unsigned int mode)
{
	struct file *f = kmem_cache_alloc(inode->machine->file_cachep);

	if (!f)
		return NULL;
	if ((mode & FMODE_WRITE) && get_write_access(inode)) {
		kmem_cache_free(inode->machine->file_cachep, f);
		return NULL;
	}
	f->f_inode = inode;
	f->f_mapping = inode->i_mapping;
	f->f_count = 1;
	f->f_mode = mode;
	inode->i_count++;
	return f;
}

struct file *shmem_file_setup(struct machine *m, unsigned long size, int account)
{
	struct inode *inode;
	struct file *f;

	if (account && security_vm_enough_memory(m, (long)(PAGE_ALIGN(size) >> PAGE_SHIFT)))
		return NULL;
	inode = new_inode(m, "/dev/zero (deleted)", size);
	if (!inode) {
		if (account)
			vm_unacct_memory(m, (long)(PAGE_ALIGN(size) >> PAGE_SHIFT));
		return NULL;
	}
	inode->i_dev = SHMEM_DEV;
	inode->i_flags = S_SHMEM | (account ? S_ACCOUNT : 0);
	f = dentry_open(inode, FMODE_READ | FMODE_WRITE);
	iput(inode);			/* the open file holds it now (or, on failure, it is gone) */
	return f;
}

void get_file(struct file *f)
{
	f->f_count++;
}

void fput(struct file *f)
{
	struct inode *inode = f->f_inode;

	if (--f->f_count)
		return;
	if (f->f_mode & FMODE_WRITE)
		put_write_access(inode);
	kmem_cache_free(inode->machine->file_cachep, f);
	iput(inode);
}

int get_write_access(struct inode *inode)
{
	if (inode->i_writecount < 0)
		return -ETXTBSY;
	inode->i_writecount++;
	return 0;
}

void put_write_access(struct inode *inode)
{
	inode->i_writecount--;
}

int deny_write_access(struct file *f)
{
	struct inode *inode = f->f_inode;

	if (inode->i_writecount > 0)
		return -ETXTBSY;
	inode->i_writecount--;
	return 0;
}

void allow_write_access(struct file *f)
{
	f->f_inode->i_writecount++;
}

/* iput - drop a reference; the last one frees the inode (named ones are held by the directory) */
void iput(struct inode *inode)
{
	if (--inode->i_count)
		return;
	truncate_inode_pages(inode->machine, inode->i_mapping);
	if (inode->i_flags & S_ACCOUNT)
		vm_unacct_memory(inode->machine, (long)(PAGE_ALIGN(inode->i_size) >> PAGE_SHIFT));
	kfree(inode->i_name);
	kfree(inode);
}

void files_release_all(struct machine *m)
{
	struct inode *inode, *next;

	for (inode = m->files; inode; inode = next) {
		next = inode->i_next;
		iput(inode);
	}
	m->files = NULL;
}

/* file_unlink - remove a named file nothing maps or holds open. -ENOENT, -EBUSY. */
int file_unlink(struct machine *m, const char *name)
{
	struct inode **pp, *inode;

	for (pp = &m->files; *pp && strcmp((*pp)->i_name, name); pp = &(*pp)->i_next)
		;
	inode = *pp;
	char q[256];

	if (!inode)
		return (int)vm_error(m, -ENOENT, "no file '%s'", vm_quote(q, name));
	if (inode->i_count != 1)
		return (int)vm_error(m, -EBUSY, "'%s' is in use", vm_quote(q, name));
	*pp = inode->i_next;
	iput(inode);
	return 0;
}
