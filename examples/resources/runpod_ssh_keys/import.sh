# The account has one set of SSH keys: import it with the id "account".
terraform import runpod_ssh_keys.account account
