"""The director's figures: statistics of any period with breakdowns (page and Excel), charts drawn as SVG."""
