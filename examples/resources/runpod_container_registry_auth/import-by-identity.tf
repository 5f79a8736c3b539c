# Terraform 1.12 and later: import by the resource identity (what `terraform query` results
# carry) instead of the id string. OpenTofu and older Terraform import by id (above).
import {
  to = runpod_container_registry_auth.dockerhub
  identity = {
    id = "cm1p7x2ba0003l708g4hi2o1q"
  }
}
