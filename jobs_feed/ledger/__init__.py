"""政策落实到人: each person's entitlements with their state, and the "311" services of the year."""
