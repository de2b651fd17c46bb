/* a.c - a fixture: a uses b */
#include "a.h"
#include "b.h"
