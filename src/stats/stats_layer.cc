// Layer stats.
