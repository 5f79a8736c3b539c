# An endpoint is imported by its id (shown in RunPod's console under Serverless).
# REST v2 (the default) does not report the endpoint's template: the import takes the one
# serverless template of the account whose container settings equal the endpoint's, and warns
# when none or several do (then set template_id in the configuration). REST v1 does not report
# flashboot: the first apply after an import sets it to the configured value, in place.
terraform import runpod_endpoint.sd jpnw0v75y3qoql
