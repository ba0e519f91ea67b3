"""The change report between two editions: projects, budgets, people and text, compared word by word."""
