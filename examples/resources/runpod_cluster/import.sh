# Import a cluster by its id. RunPod does not report its data center preferences, start
# command, env, volumes or start_ssh/start_jupyter: they stay null unless the configuration
# sets them, and setting them then replaces the cluster.
terraform import runpod_cluster.training cluster_abc123
