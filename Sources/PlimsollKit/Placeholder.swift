// Placeholder so the target compiles until its first file lands.
