"""The site's main menu in browser tests.

On a phone the navigation is folded away behind the "Menu" button (a <details> disclosure in
templates/base.html); from 1024 px on it stands in the header. ``hoofdmenu(page)`` opens the
menu where needed and returns the navigation, so a test can click a link at any width.
"""


def hoofdmenu(page):
    knop = page.locator(".site-menu > summary")
    if knop.is_visible() and page.locator(".site-menu[open]").count() == 0:
        knop.click()
    return page.get_by_role("navigation", name="Hoofdmenu")
