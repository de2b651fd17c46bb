/*
 * fuzz_replay.c - run fuzz_vmsh's test function on files, without
 * libFuzzer: the seed corpus and every input a fuzzing run found a crash
 * with stay regression tests. Arguments are files or directories (their
 * files, not recursively). Exits 0 when every file ran clean (a failure
 * aborts), 1 when a file cannot be read.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* slurp - the whole file, or NULL */
static uint8_t *slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n + 1);
		if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
		*size = (size_t)n;
	}
	fclose(f);
	return buf;
}

/* run_file - one input; 1 if it ran, -1 if unreadable */
static int run_file(const char *path)
{
	size_t size = 0;
	uint8_t *data = slurp(path, &size);

	if (!data) {
		fprintf(stderr, "fuzz_replay: cannot read %s\n", path);
		return -1;
	}
	LLVMFuzzerTestOneInput(data, size);
	free(data);
	return 1;
}

/* run_dir - every regular file of dir; the count, or -1 */
static int run_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[4096];
	struct stat st;
	int n = 0, r;

	if (!d)
		return -1;
	while ((e = readdir(d))) {
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (stat(path, &st) || !S_ISREG(st.st_mode))
			continue;
		if ((r = run_file(path)) < 0) {
			closedir(d);
			return -1;
		}
		n += r;
	}
	closedir(d);
	return n;
}

int main(int argc, char **argv)
{
	struct stat st;
	int i, n, ran = 0;

	for (i = 1; i < argc; i++) {
		n = stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode) ? run_dir(argv[i]) : run_file(argv[i]);
		if (n < 0)
			return 1;
		ran += n;
	}
	printf("fuzz_replay: %d inputs ran clean\n", ran);
	return 0;
}
