/* none: the library's configuration unchanged (a control: must match base). */
