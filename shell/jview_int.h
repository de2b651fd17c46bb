/*
 * jview_int.h - what jview.c and jpage.c share to build documents:
 * setting a member, and a vm_area_struct's fields as an object.
 */
#ifndef VMSH_JVIEW_INT_H
#define VMSH_JVIEW_INT_H

struct json_object;
struct vm_area_struct;

void jset_int(struct json_object *o, const char *k, long long v);
void jset_str(struct json_object *o, const char *k, const char *v);
void jset_bool(struct json_object *o, const char *k, int v);
/* jvma_fields - the vm_area_struct's fields by name; pointers as the start of the VMA they point to */
struct json_object *jvma_fields(const struct vm_area_struct *vma);

#endif
