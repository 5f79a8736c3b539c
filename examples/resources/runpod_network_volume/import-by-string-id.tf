# Terraform 1.5 and later: import with an import block, then plan and apply. With
# `terraform plan -generate-config-out=generated.tf` and no resource block yet, Terraform writes
# the resource block for you.
import {
  to = runpod_network_volume.models
  id = "agv6w2qcg7"
}
