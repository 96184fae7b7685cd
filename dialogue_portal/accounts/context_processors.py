def roles(request):
    """Expose the current user's roles to templates as booleans."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"is_staff_role": False, "is_branch_leader": False, "is_department_rep": False}
    return {
        "is_staff_role": user.is_province_staff,
        "is_branch_leader": user.is_branch_leader,
        "is_department_rep": user.is_department_rep,
    }
