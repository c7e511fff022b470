"""Policy corpus → clauses → index → cited answers; entitlement rules from the same documents."""
