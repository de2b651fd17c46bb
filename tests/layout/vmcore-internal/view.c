/* view.c - a fixture: a view that reaches past vmcore's public header */
#include "vmcore.h"
#include "page_alloc.h"
