/*
 * complete.c - tab completion from the shell's command table: the word
 * being completed is placed as the parser would split the line, and the
 * command's completion kind for that position gives the candidates
 * (protections, flags, advice, pids, VMA starts, files, sysctl names ...).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vmcore.h"
#include "parse.h"
#include "context.h"
#include "cmdtable.h"
#include "complete.h"

struct cands {			/* growing NULL-terminated list of candidates */
	char **v;
	size_t n, cap;
	const char *text;	/* the prefix every candidate must have */
};

/* cand_add - add s if it starts with the text being completed. */
static void cand_add(struct cands *c, const char *s)
{
	char **v;

	if (strncmp(s, c->text, strlen(c->text)) != 0)
		return;
	if (c->n + 2 > c->cap) {
		v = realloc(c->v, (c->cap ? c->cap * 2 : 16) * sizeof(*v));
		if (!v)
			return;
		c->v = v;
		c->cap = c->cap ? c->cap * 2 : 16;
	}
	c->v[c->n] = strdup(s);
	if (c->v[c->n])
		c->v[++c->n] = NULL;
}

static void cand_add_list(struct cands *c, const char *const *list)
{
	for (; list && *list; list++)
		cand_add(c, *list);
}

/*
 * cand_flags - mmap flags: the word is a comma list, of which readline may
 * pass only the part after the last comma (it breaks words at commas);
 * before[0..nbefore) is the rest of the word, from the line. Offers the
 * flags not in the list yet, only one of private and shared.
 */
static void cand_flags(struct cands *c, const char *before, size_t nbefore)
{
	const char *const *f;
	const char *last = strrchr(c->text, ',');
	int plen = last ? (int)(last - c->text) + 1 : 0;
	char buf[256], done[512];

	snprintf(done, sizeof(done), ",%.*s%.*s,", (int)nbefore, before, plen, c->text);
	for (f = mmap_flag_names(); *f; f++) {
		snprintf(buf, sizeof(buf), ",%s,", *f);
		if (strstr(done, buf))
			continue;
		if ((!strcmp(*f, "private") && strstr(done, ",shared,")) ||
		    (!strcmp(*f, "shared") && strstr(done, ",private,")))
			continue;
		snprintf(buf, sizeof(buf), "%.*s%s", plen, c->text, *f);
		cand_add(c, buf);
	}
}

static void cand_machine(struct vmsh *sh, struct cands *c, enum vmsh_complete kind)
{
	const struct task_struct *cur = vmsh_current(sh), *t;
	const struct vm_area_struct *vma;
	const struct inode *ino;
	char buf[32];

	if ((kind == VC_ADDR || kind == VC_ADDR_OR_DASH) && vmsh_task_alive(cur)) {
		for (vma = cur->mm->mmap; vma; vma = vma->vm_next) {
			snprintf(buf, sizeof(buf), "0x%08lx", vma->vm_start);
			cand_add(c, buf);
		}
	}
	if (kind == VC_PID) {
		for_each_process(sh->m, t) {
			snprintf(buf, sizeof(buf), "%d", t->pid);
			cand_add(c, buf);
		}
	}
	for (ino = kind == VC_VFILE ? sh->m->files : NULL; ino; ino = ino->i_next)
		if (ino->i_name)
			cand_add(c, ino->i_name);
}

/* cand_frames - frames' filters: kind= completes to the kinds, the others are typed */
static void cand_frames(struct cands *c, const char *const *keys)
{
	static const char *const kinds[] = { "kind=zero", "kind=pgtable", "kind=anon",
		"kind=file", "kind=shmem", "kind=COW", "kind=wp", "kind=shared", NULL };

	if (strncmp(c->text, "kind=", 5) == 0)
		cand_add_list(c, kinds);
	else
		cand_add_list(c, keys);
}

/* cand_kind - candidates of kind; the word being completed began at line[wstart]. */
static void cand_kind(struct vmsh *sh, struct cands *c, enum vmsh_complete kind,
		      const char *line, int wstart, int start)
{
	static const char *const prots[] = { "---", "r--", "rw-", "rwx", "r-x",
		"-w-", "-wx", "--x", "none", NULL };
	static const char *const mremap[] = { "maymove", "fixed", NULL };
	static const char *const exec_kv[] = { "text=", "data=", "bss=", "stack=", NULL };
	static const char *const access[] = { "r", "w", "x", NULL };
	static const char *const errnames[] = { "EINVAL", "ENOMEM", "EACCES", "EAGAIN", "EBADF",
		"EFAULT", "EPERM", "ESRCH", "ECHILD", "ENOENT", "SIGSEGV", "SIGBUS", "SIGKILL", NULL };
	static const char *const options[] = { "echo", "errexit", "on", "off", NULL };
	static const char *const frames[] = { "pid=", "vma=", "kind=", "--json", NULL };
	const struct vmsh_command *cmd;
	const struct vmsh_topic *topic;

	switch (kind) {
	case VC_ADDR_OR_DASH:
		cand_add(c, "-");
		/* fall through */
	case VC_ADDR: case VC_PID: case VC_VFILE:
		cand_machine(sh, c, kind);
		break;
	case VC_PROT:	cand_add_list(c, prots); break;
	case VC_FLAGS:	cand_flags(c, line + wstart, (size_t)(start - wstart)); break;
	case VC_ADVICE:	cand_add_list(c, advice_names()); break;
	case VC_MREMAP:	cand_add_list(c, mremap); break;
	case VC_SYSCTL:	cand_add_list(c, sysctl_names()); break;
	case VC_EXEC_KV: cand_add_list(c, exec_kv); break;
	case VC_ACCESS:	cand_add_list(c, access); break;
	case VC_ERRNAME: cand_add_list(c, errnames); break;
	case VC_OPTION:	cand_add_list(c, options); break;
	case VC_COMMAND:
		for (cmd = sh->commands; cmd && cmd->name; cmd++)
			cand_add(c, cmd->name);
		break;
	case VC_JSON:	cand_add(c, "--json"); break;
	case VC_DUMP:
		cand_add(c, "all");
		/* fall through */
	case VC_PID_OR_ADDR:
		cand_machine(sh, c, VC_PID);
		cand_machine(sh, c, VC_ADDR);
		cand_add(c, "--json");
		break;
	case VC_FRAMES:
		cand_frames(c, frames);
		break;
	case VC_TOPIC:
		for (cmd = sh->commands; cmd && cmd->name; cmd++)
			cand_add(c, cmd->name);
		for (topic = vmsh_topics(); topic->name; topic++)
			cand_add(c, topic->name);
		break;
	default:
		break;
	}
}

/*
 * word_position - scan line up to start as the parser would (';' ends a
 * command, blanks end words, quotes group): the index of the word at start
 * within its command, its command name into name; -1 inside a comment.
 */
static int word_position(const char *line, int start, char *name, size_t nlen)
{
	int i, idx = 0, in_word = 0;
	char quote = 0;
	size_t o = 0;

	name[0] = '\0';
	for (i = 0; i < start && line[i]; i++) {
		char ch = line[i];

		if (quote) {
			quote = ch == quote ? 0 : quote;
		} else if (ch == '"' || ch == '\'') {
			quote = ch;
		} else if (ch == '#') {
			return -1;
		} else if (ch == ';') {
			idx = 0, in_word = 0, o = 0, name[0] = '\0';
			continue;
		} else if (ch == ' ' || ch == '\t') {
			idx += in_word, in_word = 0;
			continue;
		}
		if (!in_word)
			in_word = 1;
		if (idx == 0 && o + 1 < nlen)
			name[o++] = ch, name[o] = '\0';
	}
	return idx;
}

char **vmsh_complete(struct vmsh *sh, const char *line, int start,
		     const char *text, int *how)
{
	struct cands c = { NULL, 0, 0, text };
	const struct vmsh_command *cmd;
	enum vmsh_complete kind;
	char name[32];
	int idx = word_position(line, start, name, sizeof(name)), wstart = start;

	*how = 0;
	if (idx == 0) {
		for (cmd = sh->commands; cmd && cmd->name; cmd++)
			cand_add(&c, cmd->name);
		return c.v;
	}
	cmd = idx > 0 ? vmsh_resolve(sh, name, strlen(name), (char[8]){ 0 }, 8) : NULL;
	if (cmd && (cmd->flags & CMD_RAW) && sh->ext && sh->ext->complete) {
		*how = VMSH_COMPLETE_NOSPACE;	/* code goes on: ( or . */
		return sh->ext->complete(sh, text);
	}
	if (!cmd || idx > VMSH_MAX_COMP || (cmd->max_args >= 0 && idx > cmd->max_args))
		return NULL;
	kind = cmd->comp[idx - 1];
	if (kind == VC_PATH) {
		*how = VMSH_COMPLETE_PATH;
		return NULL;
	}
	if (kind == VC_FLAGS || kind == VC_EXEC_KV ||
	    (kind == VC_FRAMES && !strchr(text, '=')))
		*how = VMSH_COMPLETE_NOSPACE;
	while (wstart > 0 && !strchr(" \t;", line[wstart - 1]))
		wstart--;
	cand_kind(sh, &c, kind, line, wstart, start);
	return c.v;
}
