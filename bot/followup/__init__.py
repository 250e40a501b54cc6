"""After the show: each viewer's shopping list, its signed link and page, and the whispers."""
