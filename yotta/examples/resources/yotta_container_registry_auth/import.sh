# Import credentials by their id. The next apply sets username and password from the
# configuration (Yotta never returns them).
terraform import yotta_container_registry_auth.ghcr 402872365298094821
