/* c.c - a fixture: c uses a, outside the cycle */
#include "a.h"
