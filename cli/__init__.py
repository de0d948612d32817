"""innograph.cli"""
