/** `kubelab web generate|serve`: the lab's web app, also the built-in image kubelab/web. */
import { Command } from '@commander-js/extra-typings';

export function webCommand() {
  return new Command('web').description("the lab's web app: generate the page, serve it");
}
