import { assumeYesRule, cleanupRule, pinRule } from '../factories';
import { hadolintDocs } from '../rule';

const m = (id: string, title: string, severity: 'warning' | 'info', bad: string, good: string) => ({
  id, title, severity, origin: 'hadolint' as const, docs: hadolintDocs(id), examples: { bad, good },
});

const yumClean = (name: string, args: string[]) => (name === 'yum' && args[0] === 'clean' && args[1] === 'all') || (name === 'rm' && args.some((a) => a.startsWith('/var/cache/yum')));
const dnfClean = (name: string, args: string[]) => ((name === 'dnf' || name === 'microdnf') && args[0] === 'clean' && args[1] === 'all') || (name === 'rm' && args.some((a) => a.startsWith('/var/cache/dnf')));
const zypperClean = (name: string, args: string[]) => (name === 'zypper' && (args.includes('clean') || args.includes('cc')));

export const DL3028 = pinRule(m('DL3028', 'Pin versions in gem install', 'warning', 'FROM ruby:3.3\nRUN gem install bundler\n', 'FROM ruby:3.3\nRUN gem install bundler:2.5.18\n'),
  ['gem'], ['install'], (p) => p.includes(':') || p.includes('='), (p) => `gem install ${p}:<version>`);
export const DL3030 = assumeYesRule(m('DL3030', 'Use the -y switch to avoid manual input: yum install -y <package>', 'warning', 'FROM centos:7\nRUN yum install httpd-2.4.6 && yum clean all\n', 'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n'),
  ['yum'], ['install', 'groupinstall', 'localinstall'], ['-y', '--assumeyes'], 'y');
export const DL3032 = cleanupRule(m('DL3032', 'yum clean all missing after yum command', 'warning', 'FROM centos:7\nRUN yum install -y httpd-2.4.6\n', 'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n'),
  ['yum'], ['install', 'groupinstall', 'localinstall'], yumClean, 'yum leaves its cache in this layer: add "&& yum clean all" to the same RUN.');
export const DL3033 = pinRule(m('DL3033', 'Specify version with yum install -y <package>-<version>', 'warning', 'FROM centos:7\nRUN yum install -y httpd && yum clean all\n', 'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n'),
  ['yum'], ['install'], (p) => /-\d/.test(p) || p.endsWith('.rpm'), (p) => `yum install -y ${p}-<version>`);
export const DL3034 = assumeYesRule(m('DL3034', 'Non-interactive switch missing from zypper command', 'warning', 'FROM opensuse/leap:15.6\nRUN zypper install httpd=2.4.58 && zypper clean\n', 'FROM opensuse/leap:15.6\nRUN zypper install -y httpd=2.4.58 && zypper clean\n'),
  ['zypper'], ['install', 'in', 'remove', 'rm', 'source-install', 'si', 'patch'], ['-y', '-n', '--non-interactive', '--no-confirm'], null);
export const DL3036 = cleanupRule(m('DL3036', 'zypper clean missing after zypper use', 'warning', 'FROM opensuse/leap:15.6\nRUN zypper install -y httpd=2.4.58\n', 'FROM opensuse/leap:15.6\nRUN zypper install -y httpd=2.4.58 && zypper clean\n'),
  ['zypper'], ['install', 'in'], zypperClean, 'zypper leaves its cache in this layer: add "&& zypper clean" to the same RUN.');
export const DL3037 = pinRule(m('DL3037', 'Specify version with zypper install -y <package>=<version>', 'warning', 'FROM opensuse/leap:15.6\nRUN zypper install -y httpd && zypper clean\n', 'FROM opensuse/leap:15.6\nRUN zypper install -y httpd=2.4.58 && zypper clean\n'),
  ['zypper'], ['install', 'in'], (p) => /[=<>]/.test(p) || p.endsWith('.rpm'), (p) => `zypper install -y ${p}=<version>`);
export const DL3038 = assumeYesRule(m('DL3038', 'Use the -y switch to avoid manual input: dnf install -y <package>', 'warning', 'FROM fedora:40\nRUN dnf install httpd-2.4.62 && dnf clean all\n', 'FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n'),
  ['dnf', 'microdnf'], ['install', 'groupinstall', 'localinstall'], ['-y', '--assumeyes'], 'y');
export const DL3040 = cleanupRule(m('DL3040', 'dnf clean all missing after dnf command', 'warning', 'FROM fedora:40\nRUN dnf install -y httpd-2.4.62\n', 'FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n'),
  ['dnf', 'microdnf'], ['install', 'groupinstall', 'localinstall'], dnfClean, 'dnf leaves its cache in this layer: add "&& dnf clean all" to the same RUN.');
export const DL3041 = pinRule(m('DL3041', 'Specify version with dnf install -y <package>-<version>', 'warning', 'FROM fedora:40\nRUN dnf install -y httpd && dnf clean all\n', 'FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n'),
  ['dnf', 'microdnf'], ['install'], (p) => /-\d/.test(p) || p.endsWith('.rpm'), (p) => `dnf install -y ${p}-<version>`);
