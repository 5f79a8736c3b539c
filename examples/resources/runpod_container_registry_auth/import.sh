# Import a container registry auth by its id, or by its name (names are unique in an account).
# RunPod never returns the username or password: they stay null (not recorded) unless the
# configuration sets them, and then the next apply records them in state without replacing
# the credential.
terraform import runpod_container_registry_auth.ghcr clzdaifot0001l90809257ynb
