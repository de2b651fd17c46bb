/* view.c - a fixture: a view that reaches past vmcore's public header */
#include <stdio.h>
#include "vmcore.h"
#include "page_alloc.h"
#include <pgtable.h>
