"""innograph.api"""
