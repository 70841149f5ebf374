"""The graph layer: the model, settings, errors and the two database backends."""
