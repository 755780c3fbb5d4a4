"""The benchmark: a generated corpus with known ground truth (`generate`) and the measurements (`run`)."""
