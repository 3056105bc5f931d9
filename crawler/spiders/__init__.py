"""The generic news spider; per-source subclasses go here only where a site really needs one."""
