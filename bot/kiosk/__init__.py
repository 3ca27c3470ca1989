"""The Jobcentre kiosk: the sites that run one."""
