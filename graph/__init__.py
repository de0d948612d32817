"""innograph.graph"""
