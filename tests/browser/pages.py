"""The main pages of the portal, each with who opens it: scanned for accessibility, phone layout and weight."""

from dataclasses import dataclass


@dataclass(frozen=True)
class MainPage:
    name: str
    path: str
    user: str | None  # demo username, None for a visitor


MAIN_PAGES = [
    MainPage("login", "/accounts/login/", None),
    MainPage("public-outcomes", "/public/", None),
    MainPage("not-found", "/khong-co-trang-nay/", None),
    MainPage("home-staff", "/", "canbo"),
    MainPage("home-branch-leader", "/", "gio_linh"),
    MainPage("home-department-rep", "/", "so_ldtbxh"),
    MainPage("home-administrator", "/", "admin"),
    MainPage("password-change", "/accounts/password/", "gio_linh"),
    MainPage("petition-list-branch-leader", "/petitions/", "gio_linh"),
    MainPage("petition-create", "/petitions/new/", "gio_linh"),
    MainPage("petition-import", "/petitions/import/", "gio_linh"),
    MainPage("petition-list-staff", "/petitions/", "canbo"),
    MainPage("petition-triage", "/petitions/triage/", "canbo"),
    MainPage("petition-detail-staff", "/petitions/1/", "canbo"),
    MainPage("admin-index-department-rep", "/admin/", "so_ldtbxh"),
    MainPage("admin-index-administrator", "/admin/", "admin"),
]
