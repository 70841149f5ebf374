"""ETL: one module per source layout turns files into validated models and writes them to the graph."""
