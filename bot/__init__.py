"""The WeChat official-account endpoint and the dialogue flows."""
