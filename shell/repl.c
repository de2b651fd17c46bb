/*
 * repl.c - the terminal: GNU Readline with a prompt holding the current
 * pid, a history file, completion from the command table (complete.c),
 * Ctrl-C clearing the line. Each line goes to vmsh_run_line, as lines of
 * scripts and pipes do (run.c).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "context.h"
#include "run.h"
#include "complete.h"
#include "repl.h"

#define HISTORY_MAX	1000	/* lines kept in the history file */

/*
 * Readline's callbacks take no context pointer: the shell being edited and
 * a Ctrl-C noticed by the signal handler live here, set only while
 * repl_interactive runs.
 */
static struct vmsh *rl_shell;
static volatile sig_atomic_t rl_sigint;

/* ---- completion ---- */

/* common_prefix - length of the longest prefix all of v[0..n) share. */
static size_t common_prefix(char **v, size_t n)
{
	size_t len = strlen(v[0]), i, j;

	for (i = 1; i < n; i++) {
		for (j = 0; j < len && v[i][j] == v[0][j]; j++)
			;
		len = j;
	}
	return len;
}

/*
 * to_matches - readline's match list from candidates c (consumed):
 * [0] the common prefix, then the candidates, NULL-terminated; a single
 * candidate is [0] alone. NULL when there is none or memory runs out.
 */
static char **to_matches(char **c)
{
	size_t n = 0, i;
	char **m;

	while (c && c[n])
		n++;
	if (n == 0) {
		free(c);
		return NULL;
	}
	if (n == 1)
		return c;
	m = malloc((n + 2) * sizeof(*m));
	if (m)
		m[0] = strndup(c[0], common_prefix(c, n));
	if (!m || !m[0]) {
		for (i = 0; i < n; i++)
			free(c[i]);
		free(c);
		free(m);
		return NULL;
	}
	memcpy(m + 1, c, (n + 1) * sizeof(*m));
	free(c);
	return m;
}

/* attempt_completion - readline's hook: candidates from the command table. */
static char **attempt_completion(const char *text, int start, int end)
{
	char **m;
	int how;

	(void)end;
	m = to_matches(vmsh_complete(rl_shell, rl_line_buffer, start, text, &how));
	rl_attempted_completion_over = !(how & VMSH_COMPLETE_PATH);
	if (how & VMSH_COMPLETE_NOSPACE)	/* a comma list or KEY= goes on */
		rl_completion_append_character = '\0';
	return m;
}

/* ---- Ctrl-C ---- */

static void on_sigint(int sig)
{
	(void)sig;
	rl_sigint = 1;
}

/* on_signal_event - called by readline when a read is interrupted: drop the line on Ctrl-C. */
static int on_signal_event(void)
{
	if (!rl_sigint)
		return 0;
	rl_sigint = 0;
	rl_free_line_state();
	rl_replace_line("", 0);
	fputs("^C", rl_outstream);
	rl_crlf();
	rl_on_new_line();
	rl_redisplay();
	return 0;
}

/* ---- history ---- */

/* history_path - $VMSH_HISTORY, else ~/.vmsh_history (malloc'd); NULL for none. */
static char *history_path(void)
{
	const char *env = getenv("VMSH_HISTORY"), *home = getenv("HOME");
	char *p = NULL;

	if (env)
		return *env ? strdup(env) : NULL;
	if (!home || !*home || asprintf(&p, "%s/.vmsh_history", home) < 0)
		return NULL;
	return p;
}

/* remember - add line to the history unless blank or the same as the last. */
static void remember(const char *line)
{
	HIST_ENTRY *last = history_length ? history_get(history_base + history_length - 1) : NULL;

	if (strspn(line, " \t") == strlen(line))
		return;
	if (last && strcmp(last->line, line) == 0)
		return;
	add_history(line);
}

/* ---- the loop ---- */

static void make_prompt(const struct vmsh *sh, char *buf, size_t len)
{
	if (vmsh_task_alive(vmsh_current(sh)))
		snprintf(buf, len, "vmsh[%d]> ", sh->pid);
	else
		snprintf(buf, len, "vmsh[%d exited]> ", sh->pid);
}

/* repl_setup - readline configured for vmsh; returns the old SIGINT action in *old. */
static void repl_setup(struct vmsh *sh, const char *hist, struct sigaction *old)
{
	struct sigaction sa;

	rl_shell = sh;
	rl_readline_name = "vmsh";
	rl_attempted_completion_function = attempt_completion;
	rl_basic_word_break_characters = " \t\n;,";	/* flags complete one by one */
	rl_signal_event_hook = on_signal_event;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, old);	/* no SA_RESTART: readline sees EINTR */
	stifle_history(HISTORY_MAX);
	if (hist)
		read_history(hist);
}

static void repl_teardown(const char *hist, const struct sigaction *old)
{
	if (hist && write_history(hist) == 0)
		history_truncate_file(hist, HISTORY_MAX);
	rl_clear_history();
	sigaction(SIGINT, old, NULL);
	rl_shell = NULL;
}

int repl_interactive(struct vmsh *sh)
{
	struct sigaction old;
	char prompt[48], *line, *hist = history_path();
	int rc = 0;

	repl_setup(sh, hist, &old);
	while (!sh->stopping) {
		make_prompt(sh, prompt, sizeof(prompt));
		rl_sigint = 0;
		line = readline(prompt);
		if (!line) {
			fputc('\n', stdout);
			break;
		}
		remember(line);
		sh->where.line++;
		if (vmsh_run_line(sh, line, strlen(line)))
			rc = -1;
		free(line);
		fflush(sh->out);
	}
	repl_teardown(hist, &old);
	free(hist);
	return rc;
}
