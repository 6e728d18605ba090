// A small create-mode customer (two subscriptions, one licensed user) named `name`, with domain
// `<name>.onmicrosoft.com`: the estate the lock and reconcile tests apply.
export const customerYaml = (name: string, seats = 2): string => `apiVersion: cspctl/v1
kind: Customer
metadata: { name: ${name} }
spec:
  company: { name: ${name} Traders, domain: ${name}.onmicrosoft.com, country: US }
  tenant: { mode: create }
  billing: { email: ap@${name}.com, firstName: Ada, lastName: Lovelace, address: { line1: One Way, city: Redmond, state: WA, postalCode: "98052", country: US } }
  subscriptions:
    - { name: bp, offer: CFQ7TTC0LCHC:0002, term: P1Y, billing: monthly, quantity: ${seats} }
    - { name: exo, offer: CFQ7TTC0LH16:0001, term: P1Y, billing: monthly, quantity: 1 }
  users:
    - { userPrincipalName: alice@${name}.onmicrosoft.com, firstName: Alice, lastName: Smith, usageLocation: US, licenses: [{ subscription: bp }] }
`;
