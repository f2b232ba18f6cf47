"""The DuckDB files: where they live, how they are opened, built and published."""
