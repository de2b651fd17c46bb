/* b.h - a fixture */
