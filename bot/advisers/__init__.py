"""advisers"""
