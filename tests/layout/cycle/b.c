/* b.c - a fixture: b calls back into a, a cycle a <-> b */
#include "b.h"
#include "a.h"
