# Import a network volume by its id.
terraform import runpod_network_volume.models agv6w2qcg7
