"""money_help/benefit_cap"""
