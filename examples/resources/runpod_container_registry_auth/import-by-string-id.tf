# Terraform 1.5 and later: import with an import block, then plan and apply. With
# `terraform plan -generate-config-out=generated.tf` and no resource block yet, Terraform writes
# the resource block for you.
import {
  to = runpod_container_registry_auth.ghcr
  id = "clzdaifot0001l90809257ynb"
}
