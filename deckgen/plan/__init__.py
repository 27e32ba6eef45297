"""Stage 3, plan: Jinja layouts turn the model into a slide plan and a page."""
