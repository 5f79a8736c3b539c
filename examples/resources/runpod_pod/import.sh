# A pod is imported by its id, as the RunPod console shows it.
terraform import runpod_pod.notebook xedezhzb9la3ye

# RunPod does not report every creation setting (priorities, min_* requirements, country codes,
# CUDA versions, support_public_ip, global_networking, bid_per_gpu): after the import, the first
# apply records their configured values without changing or replacing the pod.
