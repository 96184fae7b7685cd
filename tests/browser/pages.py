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
    MainPage("petition-detail-branch-leader", "/petitions/1/", "gio_linh"),
    MainPage("session-list-staff", "/sessions/", "canbo"),
    MainPage("session-detail-staff", "/sessions/1/", "canbo"),
    MainPage("session-create", "/sessions/new/", "canbo"),
    MainPage("session-calendar", "/sessions/calendar/", "canbo"),
    MainPage("session-agenda", "/sessions/agenda/", "canbo"),
    MainPage("session-statistics", "/sessions/statistics/", "canbo"),
    MainPage("session-list-department-rep", "/sessions/", "so_ldtbxh"),
    MainPage("reports-index", "/reports/", "canbo"),
    MainPage("reports-dashboard-staff", "/reports/dashboard/", "canbo"),
    MainPage("reports-dashboard-branch-leader", "/reports/dashboard/", "gio_linh"),
    MainPage("report-request-petitions", "/reports/export/petitions/", "canbo"),
    MainPage("report-request-summary", "/reports/export/session_summary/", "canbo"),
    MainPage("report-send-summary", "/reports/sessions/1/send-summary/", "canbo"),
    MainPage("reports-transmittals", "/reports/transmittals/", "canbo"),
    MainPage("admin-index-department-rep", "/admin/", "so_ldtbxh"),
    MainPage("admin-petitions-department-rep", "/admin/petitions/petition/", "so_ldtbxh"),
    MainPage("admin-index-administrator", "/admin/", "admin"),
]
