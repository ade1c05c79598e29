import { dataTable } from '../../../common/dataTable';

/** Display names of the AWS services whose events users meet most, by eventSource (data). */
export const SERVICE_NAMES = dataTable<string>({
  's3.amazonaws.com': 'Amazon S3',
  'sts.amazonaws.com': 'AWS STS',
  'iam.amazonaws.com': 'AWS IAM',
  'kms.amazonaws.com': 'AWS KMS',
  'ec2.amazonaws.com': 'Amazon EC2',
  'lambda.amazonaws.com': 'AWS Lambda',
  'signin.amazonaws.com': 'AWS Sign-In',
  'cloudtrail.amazonaws.com': 'AWS CloudTrail',
  'health.amazonaws.com': 'AWS Health',
  'monitoring.amazonaws.com': 'Amazon CloudWatch',
  'logs.amazonaws.com': 'Amazon CloudWatch Logs',
  'events.amazonaws.com': 'Amazon EventBridge',
  'sns.amazonaws.com': 'Amazon SNS',
  'sqs.amazonaws.com': 'Amazon SQS',
  'dynamodb.amazonaws.com': 'Amazon DynamoDB',
  'rds.amazonaws.com': 'Amazon RDS',
  'secretsmanager.amazonaws.com': 'AWS Secrets Manager',
  'ssm.amazonaws.com': 'AWS Systems Manager',
  'cloudformation.amazonaws.com': 'AWS CloudFormation',
  'config.amazonaws.com': 'AWS Config',
  'guardduty.amazonaws.com': 'Amazon GuardDuty',
  'organizations.amazonaws.com': 'AWS Organizations',
  'sso.amazonaws.com': 'AWS IAM Identity Center',
  'ecr.amazonaws.com': 'Amazon ECR',
  'ecs.amazonaws.com': 'Amazon ECS',
  'eks.amazonaws.com': 'Amazon EKS',
  'elasticloadbalancing.amazonaws.com': 'Elastic Load Balancing',
  'route53.amazonaws.com': 'Amazon Route 53',
  'cloudfront.amazonaws.com': 'Amazon CloudFront',
  'apigateway.amazonaws.com': 'Amazon API Gateway',
  'athena.amazonaws.com': 'Amazon Athena',
  'glue.amazonaws.com': 'AWS Glue',
  'kinesis.amazonaws.com': 'Amazon Kinesis',
  'access-analyzer.amazonaws.com': 'IAM Access Analyzer',
  'securityhub.amazonaws.com': 'AWS Security Hub',
});

/** A service's display name by its eventSource, or undefined for a service not listed (callers then show the endpoint). */
export function serviceName(eventSource: string): string | undefined {
  return SERVICE_NAMES.get(eventSource);
}
