/* a.h - a fixture */
