# Terraform 1.12 and later: import by the resource identity (what `terraform query` results
# carry) instead of the id string. OpenTofu and older Terraform import by id (above).
import {
  to = runpod_endpoint.embeddings
  identity = {
    id = "y4rq1xkj3ad8lz"
  }
}
