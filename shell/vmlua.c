/*
 * vmlua.c - the top of the Lua binding: the state made with Lua's
 * libraries and the vm table (print writing to the shell's output, the
 * sandbox's Lua without the host), and Lua code run in it as Lua's own
 * lua.c runs it: every chunk under lua_pcall with a traceback handler,
 * "return CODE" tried first so that expressions print their values, an
 * incomplete chunk continuing on the next line at the lua> prompt. The
 * shell reaches all of it through the struct vmsh_ext vmlua_attach plugs
 * in.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>
#include <lualib.h>

#include "context.h"
#include "observer.h"
#include "vmstate.h"
#include "vmhook.h"
#include "vmlib.h"
#include "vmdoc.h"
#include "vmlua.h"

#define EOFMARK		"<eof>"	/* the end of a syntax error for an incomplete chunk */

/* A Lua prompt's pending chunk is dropped on Ctrl-C (readline's callback has no context). */
static int prompt_cancelled;

/* ---- making and closing the state ---- */

/* l_print - Lua's print, writing to the shell's output (captured by vm.cmd, tests). */
static int l_print(lua_State *L)
{
	FILE *out = vmlua_of(L)->sh->out;
	int n = lua_gettop(L), i;
	const char *s;
	size_t len;

	for (i = 1; i <= n; i++) {
		s = luaL_tolstring(L, i, &len);
		if (i > 1)
			fputc('\t', out);
		fwrite(s, 1, len, out);
		lua_pop(L, 1);
	}
	fputc('\n', out);
	return 0;
}

/* sandbox - the fuzzer's Lua: nothing that reaches the host's files or processes */
static void sandbox(lua_State *L)
{
	static const char *const gone[] = {
		"io", "os", "package", "debug", "dofile", "loadfile", "require", NULL
	};
	const char *const *g;

	for (g = gone; *g; g++) {
		lua_pushnil(L);
		lua_setglobal(L, *g);
	}
}

/* setup - protected: Lua's libraries, print, the vm table; in the sandbox, no host */
static int setup(lua_State *L)
{
	luaL_openlibs(L);
	lua_pushcfunction(L, l_print);
	lua_setglobal(L, "print");
	vmlib_open(L);
	if (vmlua_check(L)->sh->sandbox)
		sandbox(L);
	return 0;
}

static void vmlua_close(struct vmsh *sh);

/* vmlua_get - the shell's Lua state, made now if need be. NULL after reporting why not. */
static struct vmsh_lua *vmlua_get(struct vmsh *sh)
{
	struct vmsh_lua *vl = sh->lua;

	if (vl)
		return vl;
	vl = vmlua_newstate(sh);
	if (!vl)
		return NULL;
	sh->lua = vl;
	if (vmlua_pcall(vl, setup, NULL) != LUA_OK) {
		vmlua_close(sh);
		return NULL;
	}
	return vl;
}

/* vmlua_close - close the Lua state, if any (its __gc handlers may not call vm.*). */
static void vmlua_close(struct vmsh *sh)
{
	struct vmsh_lua *vl = sh->lua;

	if (!vl)
		return;
	vl->closing = 1;
	lua_close(vl->L);
	vmhook_free(vl);
	sh->lua = NULL;
	free(vl);
	vmsh_observer_update(sh);
}

/* ---- running chunks ---- */

struct chunk {
	const char *code;		/* Lua text (len bytes), or NULL: */
	size_t len;
	const char *path;		/* a Lua file to run */
	const char *file;		/* the script code comes from, or NULL (stdin) */
	unsigned long line;		/* code's first line in it */
	int repl;			/* an incomplete chunk is not an error, just: */
	int incomplete;
	int failed;			/* a syntax error was reported */
};

/*
 * load_code - compile prefix .. ck->code as a chunk named after where it
 * came from: "@FILE" with the code moved down to its line in FILE (so
 * messages say FILE:LINE); "=stdin", as lua.c names typed chunks; or,
 * for code from a Lua file (vm.cmd("lua ...")), the code itself.
 */
static int load_code(lua_State *L, const struct chunk *ck, const char *prefix)
{
	unsigned long i;
	luaL_Buffer b;
	const char *s;
	size_t n;
	int status;

	luaL_buffinit(L, &b);
	for (i = 1; ck->file && i < ck->line; i++)
		luaL_addchar(&b, '\n');
	luaL_addstring(&b, prefix);
	luaL_addlstring(&b, ck->code, ck->len);
	luaL_pushresult(&b);
	if (ck->file && ck->line)
		lua_pushfstring(L, "@%s", ck->file);
	else if (ck->file)
		lua_pushlstring(L, ck->code, ck->len);
	else
		lua_pushliteral(L, "=stdin");
	s = lua_tolstring(L, -2, &n);
	status = luaL_loadbuffer(L, s, n, lua_tostring(L, -1));
	lua_rotate(L, -3, 1);
	lua_pop(L, 2);
	return status;
}

/* incomplete - is the syntax error on top the end of an unfinished chunk (lua.c's test)? */
static int incomplete(lua_State *L, int status)
{
	size_t n, m = sizeof(EOFMARK) - 1;
	const char *msg;

	if (status != LUA_ERRSYNTAX)
		return 0;
	msg = lua_tolstring(L, -1, &n);
	return msg && n >= m && strcmp(msg + n - m, EOFMARK) == 0;
}

/*
 * print_values - the n values on top, through the global print (lua.c's
 * l_print); a table shown readably (vmdoc_show), not as its address.
 */
static void print_values(lua_State *L, int n)
{
	int i, base = lua_gettop(L) - n;

	if (n <= 0)
		return;
	luaL_checkstack(L, LUA_MINSTACK, "too many results to print");
	for (i = base + 1; i <= base + n; i++) {
		if (lua_type(L, i) == LUA_TTABLE) {
			vmdoc_show(L, i);
			lua_replace(L, i);
		}
	}
	lua_getglobal(L, "print");
	lua_insert(L, -n - 1);
	lua_call(L, n, 0);
}

/*
 * run_chunk - protected: compile ck ("return CODE" first, as an
 * expression), run it and print what it returns. A syntax error is
 * reported without a traceback, or marks the chunk incomplete when it
 * ends early as an expression ("1 +", which lua.c rejects) or as
 * statements.
 */
static int run_chunk(lua_State *L)
{
	struct chunk *ck = lua_touserdata(L, 1);
	int status, more = 0;

	lua_settop(L, 0);
	status = load_code(L, ck, "return ");
	if (status != LUA_OK) {
		more = incomplete(L, status);
		lua_pop(L, 1);
		status = load_code(L, ck, "");
	}
	if (status != LUA_OK) {
		if (ck->repl && (more || incomplete(L, status))) {
			ck->incomplete = 1;
		} else {
			vmlua_fail(vmlua_of(L), lua_tostring(L, -1));
			ck->failed = 1;
		}
		return 0;
	}
	lua_call(L, 0, LUA_MULTRET);
	print_values(L, lua_gettop(L));
	return 0;
}

/* run_file - protected: load and run ck->path; a syntax error is reported without a traceback. */
static int run_file(lua_State *L)
{
	struct chunk *ck = lua_touserdata(L, 1);

	lua_settop(L, 0);
	if (luaL_loadfile(L, ck->path) != LUA_OK) {
		vmlua_fail(vmlua_of(L), lua_tostring(L, -1));
		ck->failed = 1;
		return 0;
	}
	lua_call(L, 0, 0);
	return 0;
}

/* run - ck through fn; 0, or -1 when it failed (reported). */
static int run(struct vmsh_lua *vl, lua_CFunction fn, struct chunk *ck)
{
	return vmlua_pcall(vl, fn, ck) == LUA_OK && !ck->failed ? 0 : -1;
}

/* vmlua_run_file - run the Lua file path. 0, or -1 after reporting the error. */
static int vmlua_run_file(struct vmsh *sh, const char *path)
{
	struct vmsh_lua *vl = vmlua_get(sh);
	struct chunk ck = { .path = path };

	return vl ? run(vl, run_file, &ck) : -1;
}

/* ---- completion of vm. ---- */

static int cand_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* vm_part - where the name after the last "vm." of text starts (it runs to the end), or NULL */
static const char *vm_part(const char *text)
{
	const char *p = text + strlen(text);

	while (p > text && (p[-1] == '_' || (p[-1] >= 'a' && p[-1] <= 'z') ||
			    (p[-1] >= 'A' && p[-1] <= 'Z') || (p[-1] >= '0' && p[-1] <= '9')))
		p--;
	if (p - text < 3 || strncmp(p - 3, "vm.", 3) != 0)
		return NULL;
	if (p - text > 3 && (p[-4] == '_' || p[-4] == '.' || (p[-4] >= 'a' && p[-4] <= 'z') ||
			     (p[-4] >= 'A' && p[-4] <= 'Z') || (p[-4] >= '0' && p[-4] <= '9')))
		return NULL;		/* xvm.: another table */
	return p;
}

/*
 * vmlua_complete - the names of the vm table that complete text's last
 * "vm.NAME", each as text with the name completed; malloc'd and
 * NULL-terminated (NULL when there is none).
 */
static char **vmlua_complete(struct vmsh *sh, const char *text)
{
	struct vmsh_lua *vl = vmlua_get(sh);
	const char *part = vm_part(text);
	size_t plen, n = 0, head;
	char **v = NULL, **nv;
	lua_State *L;

	if (!vl || !part)
		return NULL;
	L = vl->L;
	plen = strlen(part);
	head = (size_t)(part - text);
	if (lua_getglobal(L, "vm") == LUA_TTABLE) {
		lua_pushnil(L);
		while (lua_next(L, -2)) {
			lua_pop(L, 1);
			if (lua_type(L, -1) != LUA_TSTRING ||
			    strncmp(lua_tostring(L, -1), part, plen) != 0)
				continue;
			nv = realloc(v, (n + 2) * sizeof(*v));
			if (!nv)
				continue;
			v = nv;
			if (asprintf(&v[n], "%.*s%s", (int)head, text, lua_tostring(L, -1)) >= 0)
				v[++n] = NULL;
		}
	}
	lua_pop(L, 1);
	if (v)
		qsort(v, n, sizeof(*v), cand_cmp);
	return v;
}

/* ---- the Lua prompt ---- */

static struct vmsh *prompt_shell;	/* the shell whose lua> prompt is reading */
static char **prompt_cands;
static size_t prompt_next;

static void free_cands(void)
{
	size_t i;

	for (i = 0; prompt_cands && prompt_cands[i]; i++)
		free(prompt_cands[i]);
	free(prompt_cands);
	prompt_cands = NULL;
}

static char *cand_generator(const char *text, int state)
{
	(void)text;
	if (!state)
		prompt_next = 0;
	if (!prompt_cands || !prompt_cands[prompt_next])
		return NULL;
	return strdup(prompt_cands[prompt_next++]);
}

/* lua_completion - readline's hook at lua>: vm. names, nothing else */
static char **lua_completion(const char *text, int start, int end)
{
	char **m;

	(void)start, (void)end;
	rl_attempted_completion_over = 1;
	rl_completion_append_character = '\0';
	free_cands();
	prompt_cands = vmlua_complete(prompt_shell, text);
	m = prompt_cands ? rl_completion_matches(text, cand_generator) : NULL;
	free_cands();
	return m;
}

/* on_prompt_signal - readline's callback after a signal: Ctrl-C drops the line and the chunk. */
static int on_prompt_signal(void)
{
	if (!vmlua_take_interrupt())
		return 0;
	prompt_cancelled = 1;
	rl_free_line_state();
	rl_replace_line("", 0);
	fputs("^C", rl_outstream);
	rl_crlf();
	rl_set_prompt("lua> ");
	rl_on_new_line();
	rl_redisplay();
	return 0;
}

/* read_terminal - one line from readline under prompt, with Ctrl-C and no completion. */
static char *read_terminal(const char *prompt)
{
	rl_completion_func_t *comp = rl_attempted_completion_function;
	rl_hook_func_t *hook = rl_signal_event_hook;
	const char *breaks = rl_completer_word_break_characters;
	struct sigaction old;
	char *line;

	rl_attempted_completion_function = lua_completion;
	rl_completer_word_break_characters = " \t\n\"'()[]{},;=+-*/%^#<>~";
	rl_signal_event_hook = on_prompt_signal;
	vmlua_catch_sigint(&old);
	line = readline(prompt);
	rl_attempted_completion_function = comp;
	rl_completer_word_break_characters = breaks;
	rl_signal_event_hook = hook;
	sigaction(SIGINT, &old, NULL);
	if (line && line[strspn(line, " \t")])
		add_history(line);
	return line;
}

/* read_stream - one line of f, newline cut, counted in sh->where.line; NULL at EOF. */
static char *read_stream(struct vmsh *sh, FILE *f)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, f);

	if (n < 0) {
		free(line);
		return NULL;
	}
	sh->where.line++;
	if (n > 0 && line[n - 1] == '\n')
		line[--n] = '\0';
	return line;
}

/* append_line - chunk .. "\n" .. line (just line for an empty chunk). -1 when out of memory. */
static int append_line(char **chunk, size_t *len, const char *line)
{
	size_t n = strlen(line), sep = *len ? 1 : 0;
	char *p = realloc(*chunk, *len + sep + n + 1);

	if (!p)
		return -1;
	if (sep)
		p[*len] = '\n';
	memcpy(p + *len + sep, line, n + 1);
	*chunk = p;
	*len += sep + n;
	return 0;
}

struct prompt {
	struct vmsh_lua *vl;
	int terminal;			/* readline, else lines of sh->in or stdin */
	char *code;			/* the chunk being typed */
	size_t len;
	struct chunk ck;
};

/* prompt_line - take one typed line: 1 to go on, 0 to leave (`.`), -1 when it failed. */
static int prompt_line(struct prompt *p, const char *line)
{
	struct vmsh *sh = p->vl->sh;

	if (prompt_cancelled)
		p->len = 0, prompt_cancelled = 0;
	if (p->len == 0 && strcmp(line + strspn(line, " \t"), ".") == 0)
		return 0;
	if (p->len == 0) {
		memset(&p->ck, 0, sizeof(p->ck));
		p->ck.file = p->terminal ? NULL : sh->where.name;
		p->ck.line = sh->where.line;
	}
	if (append_line(&p->code, &p->len, line)) {
		p->len = 0;
		vmlua_fail(p->vl, "not enough memory");
		return -1;
	}
	p->ck.code = p->code;
	p->ck.len = p->len;
	p->ck.repl = 1;
	p->ck.incomplete = 0;
	if (run(p->vl, run_chunk, &p->ck)) {
		p->len = 0;
		return -1;
	}
	if (!p->ck.incomplete)
		p->len = 0;
	return 1;
}

/* lua_prompt - `lua` alone: chunks read line by line until `.` or EOF. */
static int lua_prompt(struct vmsh_lua *vl)
{
	struct vmsh *sh = vl->sh;
	struct prompt p = { .vl = vl, .terminal = !sh->in && isatty(STDIN_FILENO) };
	char *line;
	int rc = 0, go = 1;

	prompt_cancelled = 0;
	while (go != 0 && !sh->stopping) {
		if (p.terminal)
			prompt_shell = sh, line = read_terminal(p.len ? ">> " : "lua> ");
		else
			line = read_stream(sh, sh->in ? sh->in : stdin);
		if (!line)
			break;
		go = prompt_line(&p, line);
		rc |= go < 0;
		free(line);
	}
	if (!line && p.len) {	/* EOF inside a chunk: say what it lacks */
		p.ck.repl = 0;
		rc |= run(vl, run_chunk, &p.ck) != 0;
	}
	if (!line && p.terminal)
		fputc('\n', stdout);
	free(p.code);
	return rc ? -1 : 0;
}

/*
 * lua_command - `lua CODE` runs CODE (the rest of the line) as a chunk and
 * prints the values of an expression; `lua` alone reads chunks at a Lua
 * prompt until `.` or EOF. Returns 0, or -1 after an error was reported
 * with its traceback.
 */
static int lua_command(struct vmsh *sh, int argc, char **argv)
{
	struct vmsh_lua *vl = vmlua_get(sh);
	struct chunk ck = { 0 };

	if (!vl)
		return -1;
	if (argc == 1)
		return lua_prompt(vl);
	ck.code = argv[1];
	ck.len = strlen(argv[1]);
	ck.file = sh->where.name;
	ck.line = sh->where.line;
	return run(vl, run_chunk, &ck);
}

/* ---- plugged into the shell ---- */

static const struct vmsh_ext vmlua_ext = {
	.command = lua_command,
	.run_file = vmlua_run_file,
	.after_command = vmlua_drain,
	.wants_events = vmlua_wants_events,
	.event = vmlua_queue_event,
	.close = vmlua_close,
	.complete = vmlua_complete,
};

void vmlua_attach(struct vmsh *sh)
{
	sh->ext = &vmlua_ext;
}
